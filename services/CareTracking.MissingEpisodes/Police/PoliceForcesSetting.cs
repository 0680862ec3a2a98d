namespace CareTracking.MissingEpisodes.Police;

public static class PoliceForcesSetting
{
    /// <summary>The path of a police force table to use instead of the built-in one (environment variable
    /// <c>Police__ForcesFile</c>). A malformed table stops the service at start-up with the line at fault.</summary>
    public const string Key = "Police:ForcesFile";

    public static IServiceCollection AddPoliceForces(this IServiceCollection services) =>
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>()[Key] is { Length: > 0 } path
            ? PoliceForces.LoadFile(path)
            : PoliceForces.BuiltIn);
}
