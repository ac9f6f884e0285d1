using GradientService.Contracts.Spec;
using GradientService.Core.Spec;

namespace GradientService.Core.Tests.Spec;

public class ResidualDepthValidationTests
{
    [Theory]
    [InlineData(50, 2, true)]
    [InlineData(51, 2, false)]
    [InlineData(20, 1, false)]
    public void Validate_ResidualDepthNotOnePlusWholeBlocks_NamesModelDepth(int depth, int blockSize, bool rejected)
    {
        var spec = new RunSpec { Model = new ResidualMlpSpec { Depth = depth, Width = 16, BlockSize = blockSize } };

        var errors = SpecValidator.Validate(spec);

        Assert.Equal(rejected, errors.Any(e => e.Field == "model.depth"));
    }
}
