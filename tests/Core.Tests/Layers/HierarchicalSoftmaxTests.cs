using GradientService.Contracts.Spec;
using GradientService.Core.Layers;
using GradientService.Core.Losses;
using GradientService.Core.Probes;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Tests.Layers;

public class HierarchicalSoftmaxTests
{
    private const double Tolerance = 1e-6;
    private const double Step = 1e-6;
    private const int Inputs = 4, Width = 5, Batch = 12;

    public static TheoryData<int> ClassCounts => [2, 3, 7, 16];

    [Theory]
    [MemberData(nameof(ClassCounts))]
    public void Gradients_WeightsAndBiases_MatchFiniteDifferences(int classes)
    {
        var (net, input, labels) = Build(classes);

        var (tensor, error) = GradientCheck.WorstRelativeError(net, new HierarchicalSoftmaxLoss<double>(net.Head!), input, labels, []);

        Assert.True(error < Tolerance, $"{tensor}: relative error {error:E2} ≥ {Tolerance:E0}");
    }

    [Fact]
    public void Gradients_ResidualMlpUnderTheTree_MatchFiniteDifferences()
    {
        // The last hidden layer ends a residual block: ∂L/∂h from the tree also flows down the skip path.
        var rng = new Rng(13);
        var model = new ResidualMlpSpec { Depth = 3, Width = Width, BlockSize = 2, Activation = ActivationKind.Gelu };
        var net = new FeedForwardNet<double>(model, Inputs, 7, Batch, new MatrixProduct<double>(), OutputLayer.HierarchicalSoftmax);
        GradientCheck.Randomize(net, rng);

        var (tensor, error) = GradientCheck.WorstRelativeError(net, new HierarchicalSoftmaxLoss<double>(net.Head!),
            GradientCheck.RandomMatrix(Batch, Inputs, rng), Labels(7, rng), []);

        Assert.True(error < Tolerance, $"{tensor}: relative error {error:E2} ≥ {Tolerance:E0}");
    }

    [Theory]
    [MemberData(nameof(ClassCounts))]
    public void InputGradient_LayerInput_MatchesFiniteDifferences(int classes)
    {
        var head = new HierarchicalSoftmax<double>("head", 0, Width, classes, Batch, new MatrixProduct<double>());
        var rng = new Rng(3);
        Fill(head.Weight.Value, rng);
        Fill(head.Bias.Value, rng);
        var h = GradientCheck.RandomMatrix(Batch, Width, rng);
        var labels = Labels(classes, rng);
        var dh = new Matrix<double>(Batch, Width);

        head.Loss(h, labels, dh);

        var worst = 0.0;
        for (var i = 0; i < h.Length; i++)
        {
            var saved = h.Data[i];
            h.Data[i] = saved + Step;
            var plus = head.Loss(h, labels, null);
            h.Data[i] = saved - Step;
            var minus = head.Loss(h, labels, null);
            h.Data[i] = saved;
            worst = Math.Max(worst, Math.Abs((plus - minus) / (2 * Step) - dh.Data[i]));
        }
        var scale = dh.Data.Max(Math.Abs);
        Assert.True(worst / scale < Tolerance, $"relative error {worst / scale:E2} ≥ {Tolerance:E0}");
    }

    [Fact]
    public void Loss_TwoClasses_EqualsSoftmaxCrossEntropyOfTheLogitDifference()
    {
        // C = 2: one logistic unit, p(1|h) = σ(s) = softmax([0, s])₁, so L and ∂L/∂s are the softmax's on logits [0, s].
        var head = new HierarchicalSoftmax<double>("head", 0, Width, 2, Batch, new MatrixProduct<double>());
        var rng = new Rng(5);
        Fill(head.Weight.Value, rng);
        Fill(head.Bias.Value, rng);
        var h = GradientCheck.RandomMatrix(Batch, Width, rng);
        var labels = Labels(2, rng);
        var logits = new Matrix<double>(Batch, 2);
        for (var i = 0; i < Batch; i++)
            logits.Row(i)[1] = head.Bias.Value[0] + h.Row(i).ToArray().Zip(head.Weight.Value, (a, b) => a * b).Sum();
        var softmaxGrad = new Matrix<double>(Batch, 2);
        var dh = new Matrix<double>(Batch, Width);

        var tree = head.Loss(h, labels, dh);
        var softmax = new CrossEntropyLoss<double>().Compute(logits, labels, [], softmaxGrad);

        Assert.Equal(softmax, tree, 1e-12);
        for (var i = 0; i < Batch; i++)
            for (var j = 0; j < Width; j++)
                Assert.Equal(softmaxGrad.Row(i)[1] * head.Weight.Value[j], dh.Row(i)[j], 1e-12);
    }

    [Theory]
    [MemberData(nameof(ClassCounts))]
    public void Probabilities_AnyScores_SumToOneOverTheLeaves(int classes)
    {
        var head = new HierarchicalSoftmax<double>("head", 0, Width, classes, 1, new MatrixProduct<double>());
        var rng = new Rng(7);
        Fill(head.Weight.Value, rng, 2);
        Fill(head.Bias.Value, rng, 2);
        var h = GradientCheck.RandomMatrix(1, Width, rng);

        var total = Enumerable.Range(0, classes).Sum(c => Math.Exp(-head.Loss(h, [c], null)));

        Assert.Equal(1, total, 1e-12);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(7, 3)]
    [InlineData(16, 4)]
    [InlineData(1000, 10)]
    [InlineData(4096, 12)]
    public void Tree_ClassCounts_HasCMinusOneNodesAndPathsOfLog2C(int classes, int depth)
    {
        var tree = new ClassTree(classes);

        Assert.Equal(classes - 1, tree.Nodes);
        Assert.Equal(depth, tree.Depth);
        Assert.Equal(classes - 1, tree.DepthStart[^1]);
        for (var c = 0; c < classes; c++)
            Assert.InRange(tree.PathNodes(c).Length, (int)Math.Floor(Math.Log2(classes)), depth);
        var paths = Enumerable.Range(0, classes).Select(c => string.Join(",", tree.PathNodes(c).ToArray().Zip(tree.PathRight(c).ToArray()))).ToHashSet();
        Assert.Equal(classes, paths.Count);
    }

    [Theory]
    [MemberData(nameof(ClassCounts))]
    public void CountCorrect_AnyScores_FindsTheMostProbableLeaf(int classes)
    {
        var head = new HierarchicalSoftmax<double>("head", 0, Width, classes, Batch, new MatrixProduct<double>());
        var rng = new Rng(9);
        Fill(head.Weight.Value, rng, 2);
        Fill(head.Bias.Value, rng, 2);
        var h = GradientCheck.RandomMatrix(Batch, Width, rng);
        var best = new int[Batch];
        for (var i = 0; i < Batch; i++)
        {
            var row = h.View.RowSlice(i, 1);
            best[i] = Enumerable.Range(0, classes).MinBy(c => head.Loss(row, [c], null));
        }
        var wrong = best.Select(c => (c + 1) % classes).ToArray();

        Assert.Equal(Batch, head.CountCorrect(h, best));
        Assert.Equal(0, head.CountCorrect(h, wrong));
    }

    [Theory]
    [MemberData(nameof(ClassCounts))]
    public void DepthNorms_TrainingPass_EqualTheNormsOfTheFullGradientsRowsByDepth(int classes)
    {
        var (net, input, labels) = Build(classes);
        var head = net.Head!;
        var info = net.Info;
        var record = new StepRecord(info.Layers.Count, 0, 0, 1, info.OutputDepths);
        var loss = new HierarchicalSoftmaxLoss<double>(head);

        var squares = new double[net.Parameters.Count];
        loss.Compute(net.Forward(input, true, record), labels, [], net.LogitsGradient(Batch));
        net.Backward(input, record, squares);

        Assert.Equal(head.Tree.Depth, record.OutputDepthGradNorms.Length);
        for (var d = 1; d <= head.Tree.Depth; d++)
        {
            var (from, to) = (head.Tree.DepthStart[d - 1], head.Tree.DepthStart[d]);
            var expected = Math.Sqrt(head.Weight.Grad.AsSpan(from * Width, (to - from) * Width).ToArray().Sum(g => g * g));
            Assert.Equal(expected, record.OutputDepthGradNorms[d - 1], 1e-12);
        }
        Assert.Equal(head.Weight.Grad.Sum(g => g * g), squares[^2], 1e-12);
        Assert.Equal(head.Bias.Grad.Sum(g => g * g), squares[^1], 1e-12);
    }

    [Fact]
    public void Gradient_RowsOffThisBatchsPaths_AreZeroAfterAnEarlierBatchTouchedThem()
    {
        var head = new HierarchicalSoftmax<double>("head", 0, Width, 16, Batch, new MatrixProduct<double>());
        var rng = new Rng(11);
        Fill(head.Weight.Value, rng);
        var h = GradientCheck.RandomMatrix(Batch, Width, rng);
        var dh = new Matrix<double>(Batch, Width);
        head.Loss(h, Enumerable.Repeat(15, Batch).ToArray(), dh);

        head.Loss(h, Enumerable.Repeat(0, Batch).ToArray(), dh);

        var onPath = head.Tree.PathNodes(0).ToArray();
        for (var n = 0; n < head.Tree.Nodes; n++)
        {
            var norm = head.Weight.Grad.AsSpan(n * Width, Width).ToArray().Sum(Math.Abs) + Math.Abs(head.Bias.Grad[n]);
            Assert.True(onPath.Contains(n) ? norm > 0 : norm == 0, $"node {n}: Σ|g| = {norm}");
        }
    }

    private static (FeedForwardNet<double> Net, Matrix<double> Input, int[] Labels) Build(int classes)
    {
        var rng = new Rng(42);
        var model = new MlpSpec { Depth = 2, Width = Width, Activation = ActivationKind.Tanh };
        var net = new FeedForwardNet<double>(model, Inputs, classes, Batch, new MatrixProduct<double>(), OutputLayer.HierarchicalSoftmax);
        GradientCheck.Randomize(net, rng);
        return (net, GradientCheck.RandomMatrix(Batch, Inputs, rng), Labels(classes, rng));
    }

    private static int[] Labels(int classes, Rng rng) => [.. Enumerable.Range(0, Batch).Select(i => i < classes ? i : (int)(rng.NextUInt64() % (ulong)classes))];

    private static void Fill(double[] values, Rng rng, double scale = 0.5)
    {
        for (var i = 0; i < values.Length; i++) values[i] = scale * rng.NextGaussian();
    }
}
