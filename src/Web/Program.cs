using GradientService.Web;
using GradientService.Web.Charts;
using GradientService.Web.Live;
using GradientService.Web.Services;
using GradientService.Web.Settings;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

builder.Services.AddSingleton<ApiKeyStore>();
builder.Services.AddSingleton<FirstLookRehearsal>();
builder.Services.AddScoped(sp => new HttpClient(new ApiKeyHandler(sp.GetRequiredService<ApiKeyStore>())
{
    InnerHandler = new FirstLookRehearsal.Handler(sp.GetRequiredService<FirstLookRehearsal>()) { InnerHandler = new HttpClientHandler() },
})
{
    BaseAddress = new Uri(builder.HostEnvironment.BaseAddress),
});
builder.Services.AddScoped<ApiClient>();
builder.Services.AddScoped<ChartsModule>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<IRunStream, RunStream>();

await builder.Build().RunAsync();
