using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Trinity.Gateway.Scheduling;

/// <summary>Registration of SLO policies, deadlines and the admission gate.</summary>
public static class SloServiceCollectionExtensions
{
    public static IServiceCollection AddTrinitySlo(this IServiceCollection services)
    {
        services.AddOptions<SloOptions>().BindConfiguration(SloOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SloOptions>, SloOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SloMetrics>();
        services.TryAddSingleton<AdmissionGate>();
        return services;
    }
}
