namespace GradientService.Web.Services;

/// <summary>A read that the Api answered with an error; <see cref="Problem"/> holds its problem document.</summary>
public sealed class ApiException(ApiProblem problem) : Exception($"{problem.Status} {problem.Title}{(problem.Detail is null ? "" : ": " + problem.Detail)}")
{
    public ApiProblem Problem { get; } = problem;
}
