using System.Text;
using CareTracking.EventStore;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
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
        options.RequireHttpsMetadata = settings.Auth.RequireHttpsMetadata;
        if (settings.Auth.Authority is { } issuerUrl) options.Authority = issuerUrl;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Auth.Issuer,
            ValidAudience = settings.Auth.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
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
                else if (Lifetime(context.SecurityToken) is not { } lifetime || lifetime > settings.Auth.MaxTokenLifetime)
                    context.Fail($"The token must say when it was issued and be valid for at most {settings.Auth.MaxTokenLifetime}.");
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
                    .AddRequirements(new ScopeRequirement(scope)));
            // Every endpoint needs a token unless it opts out (health checks).
            options.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });

    /// <summary>How long the token was issued for: expiry minus issue time (or not-before, for a token without
    /// iat); null when it says neither.</summary>
    private static TimeSpan? Lifetime(SecurityToken token)
    {
        var issued = token is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken { IssuedAt: var iat } && iat != DateTime.MinValue ? iat
            : token.ValidFrom != DateTime.MinValue ? token.ValidFrom : (DateTime?)null;
        return issued is { } from && token.ValidTo != DateTime.MinValue ? token.ValidTo - from : null;
    }

    private static bool IsLaCode(string value)
    {
        try { Authorities.Validate(value); return true; }
        catch (ArgumentException) { return false; }
    }
}

/// <summary>The token must carry this scope. A requirement of its own (not an assertion) so that a 403 can say
/// which scope was missing (issue 13).</summary>
public sealed class ScopeRequirement(string scope) : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasScope(requirement.Scope)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
