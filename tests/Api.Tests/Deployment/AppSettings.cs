using System.ComponentModel.DataAnnotations;
using System.Reflection;
using GradientService.Api.Options;
using Microsoft.Extensions.Configuration;

namespace GradientService.Api.Tests.Deployment;

/// <summary>
/// The Api's settings given as environment variables (Section__Key, Section__Dictionary__entry, Section__Array__0), checked
/// the way the Api binds them: into the options classes of src/Api/Options by their Section constants, with the
/// configuration binder refusing any key no property takes, then validated as at start (data annotations and Validate).
/// </summary>
public static class AppSettings
{
    /// <summary>Settings read by ASP.NET Core or the .NET runtime themselves, not by an options class.</summary>
    public static readonly IReadOnlySet<string> FrameworkSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_gcServer",
    };

    /// <summary>Each options class by its Section constant (configuration keys ignore case, as here).</summary>
    public static IReadOnlyDictionary<string, Type> OptionsBySection { get; } = typeof(StorageOptions).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(StorageOptions).Namespace && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
        .ToDictionary(t => (string)t.GetField("Section")!.GetRawConstantValue()!, StringComparer.OrdinalIgnoreCase); // ! : the filter above found the constant

    /// <summary>Every problem of these settings: a name no options property binds, a value that does not convert, an invalid options object.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> environment)
    {
        var problems = new List<string>();
        var bound = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in environment)
        {
            if (FrameworkSettings.Contains(key)) continue;
            var parts = key.Split("__");
            if (parts.Length < 2 || !OptionsBySection.ContainsKey(parts[0]))
                problems.Add($"{key}: neither a framework setting nor Section__Key of an options class ({string.Join(", ", OptionsBySection.Keys)})");
            else bound[string.Join(':', parts)] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(bound).Build();
        foreach (var (section, type) in OptionsBySection)
        {
            object options;
            try
            {
                options = configuration.GetSection(section).Get(type, o => o.ErrorOnUnknownConfiguration = true) ?? Activator.CreateInstance(type)!; // ! : options classes have a public parameterless constructor
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{section}: {e.Message}");
                continue;
            }
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                problems.AddRange(results.Select(r => $"{section}: {r.ErrorMessage}"));
        }
        return problems;
    }
}
