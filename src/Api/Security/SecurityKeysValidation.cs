using GradientService.Api.Options;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Security;

/// <summary>Refuses to start with a key entry that is not a digest, naming each (a key pasted in clear must not silently stay unusable).</summary>
public sealed class SecurityKeysValidation : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var problems = options.Keys.Select(k => ApiKey.Problem(k.Key, k.Value)).OfType<string>().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
