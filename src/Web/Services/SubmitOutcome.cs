using GradientService.Contracts.Wire;

namespace GradientService.Web.Services;

/// <summary>The answer to a submission: the created run, or the Api's problem document (validation errors by field).</summary>
public sealed record SubmitOutcome(RunCreated? Created, ApiProblem? Problem);
