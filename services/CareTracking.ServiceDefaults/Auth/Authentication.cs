using System.Text;
using CareTracking.EventStore;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace CareTracking.ServiceDefaults.Auth;

internal static class Authentication
{
    /// <summary>Bearer tokens validated by <see cref="Configure"/>, and a policy per scope.</summary>
    public static void AddTokenAuthentication(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<ServiceSettings>((o, settings) => Configure(o, settings));
        AddScopePolicies(services);
    }

    public static void Configure(JwtBearerOptions options, ServiceSettings settings)
    {
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        if (settings.Auth.Authority is { } issuerUrl) options.Authority = issuerUrl;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Auth.Issuer,
            ValidAudience = settings.Auth.Audience,
            IssuerSigningKey = settings.Auth.SigningKey is { } key ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) : null,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "sub",
        };
        options.Events = new JwtBearerEvents
        {
            // A token must name exactly one valid authority; otherwise it is not a valid token here.
            OnTokenValidated = context =>
            {
                var authorities = context.Principal?.FindAll(CallerClaims.AuthorityClaim).Select(c => c.Value).ToList() ?? [];
                if (authorities.Count != 1 || !IsLaCode(authorities[0]))
                    context.Fail("The token must carry exactly one authority claim holding a three-digit LA code.");
                return Task.CompletedTask;
            },
        };
    }

    public static void AddScopePolicies(IServiceCollection services) =>
        services.AddAuthorization(options =>
        {
            foreach (var scope in Scopes.All)
                options.AddPolicy(Scopes.Policy(scope), policy => policy
                    .RequireAuthenticatedUser()
                    .RequireClaim(CallerClaims.AuthorityClaim)
                    .RequireAssertion(context => context.User.HasScope(scope)));
            // Every endpoint needs a token unless it opts out (health checks).
            options.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

    private static bool IsLaCode(string value)
    {
        try { Authorities.Validate(value); return true; }
        catch (ArgumentException) { return false; }
    }
}
