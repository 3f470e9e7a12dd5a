using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Scheduling;

/// <summary>Registration of SLO policies, deadlines and admission control.</summary>
public static class SloServiceCollectionExtensions
{
    public static IServiceCollection AddTrinitySlo(this IServiceCollection services)
    {
        services.AddOptions<SloOptions>().BindConfiguration(SloOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SloOptions>, SloOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SloMetrics>();
        services.AddSingleton<SloService>();
        return services;
    }
}
