using System.Text.Json;
using System.Text.Json.Serialization;

// The shim lives in Core's namespace so call sites need no change when the real type arrives.
#pragma warning disable IDE0130
namespace GradientService.Core.Spec;
#pragma warning restore IDE0130

// INTERIM: stands in for Core's SpecJson until it lands on main; delete this file after merging it.
public static class SpecJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
    };
}
