namespace CareTracking.MissingEpisodes.Police;

public static class PoliceForcesSetting
{
    /// <summary>The path of a police force table to use instead of the built-in one (environment variable
    /// <c>Police__ForcesFile</c>). A malformed table stops the service at start-up with the line at fault.</summary>
    public const string Key = "Police:ForcesFile";

    /// <summary>The path of the file holding the secret the forces' child references are made from
    /// (<see cref="ChildRefKey"/>): base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>), given as a
    /// mounted secret. Required outside Development and Testing, where the development key would let anyone who
    /// has the source turn a child id into every force's reference.</summary>
    public const string ChildRefKeyFile = "Police:ChildRefKeyFile";

    public static IServiceCollection AddPoliceForces(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var forces = configuration[Key] is { Length: > 0 } path ? PoliceForces.LoadFile(path) : PoliceForces.BuiltIn;
            return forces.WithChildRefKey(ReadChildRefKey(configuration[ChildRefKeyFile], sp.GetRequiredService<IHostEnvironment>().EnvironmentName));
        });

    /// <exception cref="InvalidOperationException">No usable secret where one is required; the message says which setting.</exception>
    public static ChildRefKey ReadChildRefKey(string? path, string environment)
    {
        var localOnly = environment is "Development" or "Testing";
        if (path is not { Length: > 0 })
            return localOnly
                ? ChildRefKey.Development
                : throw new InvalidOperationException($"{ChildRefKeyFile} is required outside Development and Testing: the police alerts' child references are made with it.");
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{ChildRefKeyFile} must hold base64 (for example from `openssl rand -base64 32`).");
        }
        if (secret.Length < ChildRefKey.MinimumSecretBytes)
            throw new InvalidOperationException($"{ChildRefKeyFile} must hold at least {ChildRefKey.MinimumSecretBytes} bytes.");
        var key = ChildRefKey.FromSecret(secret);
        return key.IsDevelopment && !localOnly
            ? throw new InvalidOperationException($"{ChildRefKeyFile} holds the development secret, which is refused outside Development and Testing.")
            : key;
    }
}
