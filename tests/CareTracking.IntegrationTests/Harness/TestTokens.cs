using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>Real signed bearer tokens, as deploy/local/token.sh makes them.</summary>
public static class TestTokens
{
    public const string SigningKey = "integration-tests-signing-key-0123456789-abcdef";

    public static string For(string authority, params string[] scopes) => Make(new Dictionary<string, object>
    {
        ["authority"] = authority,
        ["scope"] = string.Join(' ', scopes),
    });

    public static string Make(Dictionary<string, object> claims, string key = SigningKey, string issuer = "caretracking-dev", DateTime? expires = null,
        string audience = "caretracking")
    {
        claims.TryAdd("client_id", "test-client");
        claims.TryAdd("sub", "test-client");
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            NotBefore = new[] { DateTime.UtcNow, (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2) }.Min(),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
