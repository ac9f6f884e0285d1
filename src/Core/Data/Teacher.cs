using System.Numerics.Tensors;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// A random deep teacher network (the student–teacher setting, e.g. Saad &amp; Solla 1995): inputs
/// x ~ N(0, I_d), d = Dimensions; TeacherDepth layers of TeacherWidth tanh units h ← tanh(W h), then a linear read-out
/// y = W_out h with k = Classes outputs; every W has entries N(0, 1/fan_in) and there are no biases. The weights are
/// drawn first (layer by layer, row-major), then each example's x and noise. Noise·N(0, 1) is added to each output;
/// classification labels are arg-max_c y_c (classes are not balanced), regression targets are the k noisy outputs.
/// </summary>
internal static class Teacher
{
    public static DataShape Shape(DataSpec data) => new(data.Dimensions, data.Classes, !data.Regression, 1, 1, false);

    public static void Validate(DataSpec data, ICollection<SpecError> errors)
    {
        var ok = FieldCheck.Int(errors, "data.dimensions", data.Dimensions, 1, Limits.MaxInputFeatures);
        ok &= FieldCheck.Int(errors, "data.classes", data.Classes, data.Regression ? 1 : 2, Limits.MaxClasses);
        ok &= FieldCheck.Int(errors, "data.teacherDepth", data.TeacherDepth, 1, Limits.MaxTeacherDepth);
        ok &= FieldCheck.Int(errors, "data.teacherWidth", data.TeacherWidth, 1, Limits.MaxTeacherWidth);
        ok &= FieldCheck.Samples(errors, data.Samples, data.Dimensions is >= 1 and <= Limits.MaxInputFeatures ? data.Dimensions : 1);
        FieldCheck.Noise(errors, data.Noise);
        if (!ok) return;
        var work = (long)data.Samples * MultiplyAddsPerExample(data);
        if (work > Limits.MaxTeacherMultiplyAdds)
            errors.Add(new SpecError("data.teacherWidth",
                $"labelling {data.Samples} examples takes {work} multiply-adds, beyond the limit of {Limits.MaxTeacherMultiplyAdds}; use fewer samples or a smaller teacher."));
    }

    public static Dataset.Split Generate(DataSpec data, Rng rng)
    {
        var (n, d, k, w) = (data.Samples, data.Dimensions, data.Classes, data.TeacherWidth);
        var layers = new double[data.TeacherDepth + 1][];
        for (var l = 0; l < layers.Length; l++)
        {
            var (fanIn, fanOut) = (l == 0 ? d : w, l == data.TeacherDepth ? k : w);
            var std = 1 / Math.Sqrt(fanIn);
            layers[l] = new double[fanOut * fanIn];
            for (var i = 0; i < layers[l].Length; i++) layers[l][i] = std * rng.NextGaussian();
        }
        var x = new double[n * d];
        var y = new double[n * k];
        var size = Math.Max(d, Math.Max(w, k));
        var (h, next) = (new double[size], new double[size]);
        for (var row = 0; row < n; row++)
        {
            for (var j = 0; j < d; j++) h[j] = x[row * d + j] = rng.NextGaussian();
            var width = d;
            for (var l = 0; l < layers.Length; l++)
            {
                var last = l == data.TeacherDepth;
                var fanOut = last ? k : w;
                for (var o = 0; o < fanOut; o++)
                {
                    var z = TensorPrimitives.Dot(layers[l].AsSpan(o * width, width), h.AsSpan(0, width));
                    next[o] = last ? z : Math.Tanh(z);
                }
                (h, next, width) = (next, h, fanOut);
            }
            for (var c = 0; c < k; c++) y[row * k + c] = h[c] + data.Noise * rng.NextGaussian();
        }
        return data.Regression ? new Dataset.Split(n, x, [], y) : new Dataset.Split(n, x, ArgMax(y, n, k), []);
    }

    private static long MultiplyAddsPerExample(DataSpec data) =>
        (long)data.Dimensions * data.TeacherWidth
        + (long)(data.TeacherDepth - 1) * data.TeacherWidth * data.TeacherWidth
        + (long)data.TeacherWidth * data.Classes;

    private static int[] ArgMax(double[] y, int n, int k)
    {
        var labels = new int[n];
        for (var row = 0; row < n; row++)
            for (var c = 1; c < k; c++)
                if (y[row * k + c] > y[row * k + labels[row]]) labels[row] = c;
        return labels;
    }
}
