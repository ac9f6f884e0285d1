using GradientService.Contracts.Spec;
using GradientService.Core.Activations;
using GradientService.Core.Layers;
using GradientService.Core.Tensors;
using GradientService.Core.Training;

namespace GradientService.Core.Convolution;

/// <summary>
/// ResNet's basic block (He et al. 2016, Fig. 2), PyTorch's names: y = φ(s), s = bn2(conv2(φ(bn1(conv1 x)))) + shortcut(x),
/// conv1 k×k of stride s, conv2 k×k, both padded k/2; shortcut = bn(1×1 conv of stride s) when the channels or the stride
/// change ("shortcut.0", "shortcut.1"), else the identity. Without batch norm (the product's batch_norm: false) the bns
/// are left out. Backward: ∂L/∂s = ∂L/∂y ⊙ φ′(s) flows into both paths; ∂L/∂x = the branch's part + the shortcut's part
/// (<see cref="BranchGradient"/>, <see cref="SkipGradient"/>, which the probes read).
/// </summary>
internal sealed class ResidualBlock<T> : CnnModule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Conv2d<T> _conv1, _conv2;
    private readonly BatchNorm2d<T>? _bn1, _bn2, _shortcutBn;
    private readonly Conv2d<T>? _shortcut;
    private readonly Activation<T> _activation;
    private readonly T[] _z1, _u1, _a1, _z2, _u2, _sz, _su, _s;
    private readonly T[] _ds, _dz2, _da1, _du1, _dz1, _dsz, _dxBranch, _dxSkip;

    public ResidualBlock(string name, int group, CnnEntry entry, double momentum, Activation<T> activation, int capacity, MatrixProduct<T> mm)
        : base(entry.In, entry.Out)
    {
        var (input, output, k) = (entry.In, entry.Out, entry.Kernel);
        _activation = activation;
        _conv1 = new Conv2d<T>($"{name}.conv1", group, input, output, k, entry.Stride, k / 2, entry.Bias, capacity, mm);
        _conv2 = new Conv2d<T>($"{name}.conv2", group, output, output, k, 1, k / 2, entry.Bias, capacity, mm);
        if (entry.BatchNorm)
        {
            _bn1 = new BatchNorm2d<T>($"{name}.bn1", group, output, entry.Eps, momentum, true, capacity);
            _bn2 = new BatchNorm2d<T>($"{name}.bn2", group, output, entry.Eps, momentum, true, capacity);
        }
        if (entry.Projects)
        {
            _shortcut = new Conv2d<T>($"{name}.shortcut.0", group, input, output, 1, entry.Stride, 0, entry.Bias && !entry.BatchNorm, capacity, mm);
            if (entry.BatchNorm) _shortcutBn = new BatchNorm2d<T>($"{name}.shortcut.1", group, output, entry.Eps, momentum, true, capacity);
        }
        T[] Map() => new T[capacity * output.Size];
        (_z1, _a1, _z2, _s, _ds, _da1) = (Map(), Map(), Map(), Map(), Map(), Map());
        (_u1, _u2, _du1, _dz1, _dz2) = _bn1 is null ? (_z1, _z2, _da1, _da1, _ds) : (Map(), Map(), Map(), Map(), Map());
        _sz = _shortcut is null ? [] : Map();
        _su = _shortcutBn is null ? _sz : Map();
        _dsz = _shortcutBn is null ? _ds : Map();
        _dxBranch = new T[capacity * input.Size];
        _dxSkip = _shortcut is null ? _ds : new T[capacity * input.Size];
        Modules = [_conv1, .. Optional(_bn1), _conv2, .. Optional(_bn2), .. Optional(_shortcut), .. Optional(_shortcutBn)];
        Parameters = [.. Modules.SelectMany(m => m.Parameters)];
        Buffers = [.. Modules.SelectMany(m => m.Buffers)];
    }

    private static CnnModule<T>[] Optional(CnnModule<T>? m) => m is null ? [] : [m];

    /// <summary>conv1, bn1, conv2, bn2, shortcut conv, shortcut bn: those the block has, in PyTorch's state-dict order.</summary>
    public CnnModule<T>[] Modules { get; }

    public override IReadOnlyList<Parameter<T>> Parameters { get; }
    public override IReadOnlyList<(string Name, T[] Data)> Buffers { get; }

    /// <summary>Saturated entries of both activations in the last backward pass.</summary>
    public int Saturated { get; private set; }

    /// <summary>The part of ∂L/∂x that came through the branch (conv1 …), from the last backward pass.</summary>
    public MatrixView<T> BranchGradient(int rows) => new(_dxBranch, 0, rows, In.Size);

    /// <summary>The part of ∂L/∂x that came through the shortcut (identity or projection).</summary>
    public MatrixView<T> SkipGradient(int rows) => new(_dxSkip, 0, rows, In.Size);

    public override void Initialize(InitSpec init, Rng rng)
    {
        foreach (var m in Modules) m.Initialize(init, rng);
    }

    private MatrixView<T> Map(T[] data, int rows) => new(data, 0, rows, Out.Size);

    public override void Forward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, bool training)
    {
        var rows = x.Rows;
        _conv1.Forward(mm, x, Map(_z1, rows), training);
        _bn1?.Forward(mm, Map(_z1, rows), Map(_u1, rows), training);
        _activation.Forward(Map(_u1, rows).Span, Map(_a1, rows).Span);
        _conv2.Forward(mm, Map(_a1, rows), Map(_z2, rows), training);
        _bn2?.Forward(mm, Map(_z2, rows), Map(_u2, rows), training);
        var skip = x;
        if (_shortcut is not null)
        {
            _shortcut.Forward(mm, x, Map(_sz, rows), training);
            _shortcutBn?.Forward(mm, Map(_sz, rows), Map(_su, rows), training);
            skip = Map(_su, rows);
        }
        System.Numerics.Tensors.TensorPrimitives.Add(Map(_u2, rows).Span, skip.Span, Map(_s, rows).Span);
        _activation.Forward(Map(_s, rows).Span, y.Span);
    }

    public override void Backward(MatrixProduct<T> mm, MatrixView<T> x, MatrixView<T> y, MatrixView<T> dy, MatrixView<T>? dx)
    {
        var rows = x.Rows;
        var saturated = _activation.Backward(Map(_s, rows).Span, y.Span, dy.Span, Map(_ds, rows).Span);
        _bn2?.Backward(mm, Map(_z2, rows), Map(_u2, rows), Map(_ds, rows), Map(_dz2, rows));
        _conv2.Backward(mm, Map(_a1, rows), Map(_z2, rows), Map(_dz2, rows), Map(_da1, rows));
        saturated += _activation.Backward(Map(_u1, rows).Span, Map(_a1, rows).Span, Map(_da1, rows).Span, Map(_du1, rows).Span);
        _bn1?.Backward(mm, Map(_z1, rows), Map(_u1, rows), Map(_du1, rows), Map(_dz1, rows));
        _conv1.Backward(mm, x, Map(_z1, rows), Map(_dz1, rows), BranchGradient(rows));
        if (_shortcut is not null)
        {
            _shortcutBn?.Backward(mm, Map(_sz, rows), Map(_su, rows), Map(_ds, rows), Map(_dsz, rows));
            _shortcut.Backward(mm, x, Map(_sz, rows), Map(_dsz, rows), SkipGradient(rows));
        }
        Saturated = saturated;
        if (dx is { } target) System.Numerics.Tensors.TensorPrimitives.Add(BranchGradient(rows).Span, SkipGradient(rows).Span, target.Span);
    }
}
