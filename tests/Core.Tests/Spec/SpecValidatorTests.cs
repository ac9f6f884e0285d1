using System.Text.Json;
using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

public class SpecValidatorTests
{
    private static readonly string[] Sections = ["model", "init", "optimizer", "clipping", "training", "detection"];

    [Fact]
    public void Validate_DefaultSpec_HasNoError() => Assert.Empty(SpecValidator.Validate(new RunSpec()));

    [Fact]
    public void Validate_ManyProblems_GivesOneErrorPerFieldNamingItsPath()
    {
        var spec = new RunSpec
        {
            Name = new string('x', Limits.MaxNameLength + 1),
            Model = new MlpSpec { Depth = 0, Width = Limits.MaxWidth + 1, Activation = (ActivationKind)42, NormEpsilon = 0 },
            Init = new InitSpec { Std = -1, Gain = double.PositiveInfinity },
            Optimizer = new OptimizerSpec { LearningRate = double.NaN, Momentum = 1, Beta2 = -0.5, Schedule = (ScheduleKind)7 },
            Clipping = new ClippingSpec { Threshold = 0 },
            Training = new TrainingSpec { BatchSize = 0, Steps = -5, EvalEvery = -1 },
        };

        var errors = SpecCases.Validate(spec, SpecCases.Moons);

        Assert.Equal(
            [
                "name", "model.depth", "model.width", "model.activation", "model.normEpsilon", "init.gain", "init.std",
                "optimizer.learningRate", "optimizer.momentum", "optimizer.beta2", "optimizer.schedule", "clipping.threshold",
                "training.batchSize", "training.steps", "training.evalEvery",
            ],
            SpecCases.Fields(errors));
    }

    [Fact]
    public void Validate_NaNLearningRate_SaysWhatIsAllowed()
    {
        var errors = SpecValidator.Validate(new RunSpec { Optimizer = new OptimizerSpec { LearningRate = double.NaN } });

        var error = Assert.Single(errors);
        Assert.Equal(new SpecError("optimizer.learningRate", "must be greater than 0 and at most 1000; got NaN"), error);
    }

    [Fact]
    public void Validate_DepthZero_SaysWhatIsAllowed()
    {
        var errors = SpecValidator.Validate(new RunSpec { Model = new MlpSpec { Depth = 0 } });

        Assert.Equal([new SpecError("model.depth", "must be between 1 and 200; got 0")], errors);
    }

    [Fact]
    public void Validate_WidthOverLimit_SaysWhatIsAllowed()
    {
        var errors = SpecValidator.Validate(new RunSpec { Model = new MlpSpec { Width = 5000 } });

        Assert.Equal([new SpecError("model.width", "must be between 1 and 4096; got 5000")], errors);
    }

    [Fact]
    public void Validate_WidthsEntryOutOfRange_NamesItsIndex()
    {
        var errors = SpecValidator.Validate(new RunSpec { Model = new MlpSpec { Widths = [8, 16, 5000, 0] } });

        Assert.Equal(["model.widths[2]", "model.widths[3]"], SpecCases.Fields(errors));
    }

    [Fact]
    public void Validate_EmptyWidths_IsRejected()
    {
        var errors = SpecValidator.Validate(new RunSpec { Model = new MlpSpec { Widths = [] } });

        Assert.Equal([new SpecError("model.widths", "must be between 1 and 200; got 0")], errors);
    }

    [Fact]
    public void Validate_NullParts_ReportsEachAndStillChecksTheRest()
    {
        // The nulls a C# caller can pass despite the annotations (JSON rejects them before the validator runs).
        var spec = new RunSpec { Model = null!, Optimizer = null!, Data = null!, Training = new TrainingSpec { BatchSize = 0 } };

        var errors = SpecCases.Validate(spec, SpecCases.Moons);

        Assert.Equal(["model", "data", "optimizer", "training.batchSize"], SpecCases.Fields(errors));
        Assert.All(errors.Take(3), e => Assert.Equal("is required", e.Message));
    }

    [Fact]
    public void Validate_NullSpec_ReportsTheRoot() =>
        // A body of JSON "null" deserialises to a null spec.
        Assert.Equal([new SpecError("$", "a run spec is required")], SpecValidator.Validate(null!));

    public static TheoryData<string, string, object?> ExtremeValues()
    {
        var data = new TheoryData<string, string, object?>();
        foreach (var section in Sections.Where(s => s != "model").Concat(SpecSchema.ModelRecords.Keys.Select(a => "model/" + a)))
            foreach (var property in SectionType(section).GetProperties().Where(p => p.CanWrite))
            {
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                object?[] values = type == typeof(int) ? [int.MinValue, int.MaxValue]
                    : type == typeof(double) ? [double.NaN, double.PositiveInfinity, double.NegativeInfinity]
                    : type.IsEnum ? [Enum.ToObject(type, 999)]
                    : [];
                foreach (var value in values) data.Add(section, property.Name, value);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExtremeValues))]
    public void Validate_ExtremeValueInAnyField_IsReportedUnderItsPath(string section, string property, object? value)
    {
        // Every section record has a public parameterless constructor and the properties listed by ExtremeValues.
        var part = Activator.CreateInstance(SectionType(section))!;
        SectionType(section).GetProperty(property)!.SetValue(part, value);
        var spec = new RunSpec();
        typeof(RunSpec).GetProperty(Pascal(section.Split('/')[0]))!.SetValue(spec, part);
        var recurrent = part is RecurrentSpec;
        if (recurrent) spec = spec with { Data = SpecCases.Recurrent(Architecture.Rnn).Data, Training = SpecCases.Recurrent(Architecture.Rnn).Training };

        var errors = SpecCases.Validate(spec, recurrent ? SpecCases.Adding : SpecCases.Moons);

        var path = $"{section.Split('/')[0]}.{JsonNamingPolicy.CamelCase.ConvertName(property)}";
        Assert.Contains(errors, e => e.Field == path && e.Message.Contains("got", StringComparison.Ordinal));
    }

    // Sections are the names of RunSpec's record properties ("model/lstm": the model's record of that architecture), so the lookup always finds one.
    private static Type SectionType(string section) => section.StartsWith("model/", StringComparison.Ordinal)
        ? SpecSchema.ModelRecords[section["model/".Length..]]
        : typeof(RunSpec).GetProperty(Pascal(section))!.PropertyType;

    private static string Pascal(string section) => char.ToUpperInvariant(section[0]) + section[1..];
}
