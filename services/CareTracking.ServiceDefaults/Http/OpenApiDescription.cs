using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace CareTracking.ServiceDefaults.Http;

internal static class OpenApiDescription
{
    /// <summary>The service's OpenAPI description, with bearer tokens as its security scheme.</summary>
    public static void AddOpenApiDescription(IServiceCollection services, string serviceName, string applicationName)
    {
        services.AddEndpointsApiExplorer();
        // The service's contract (OpenApi/): ids, summaries, every answer, code lists, examples (issue 13).
        services.AddSingleton(new OpenApi.ContractCatalogue(OpenApi.ContractCatalogue.FindIn(applicationName)));
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo { Title = $"CareTracking {serviceName}", Version = "v1" });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from deploy/local/token.sh AUTHORITY SCOPE...",
            });
            o.AddSecurityRequirement(doc => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", doc)] = [] });
            // string is required and never null; string? may be null (as the serializer reads them).
            o.SupportNonNullableReferenceTypes();
            o.OperationFilter<OpenApi.ContractOperationFilter>();
            o.SchemaFilter<OpenApi.ContractSchemaFilter>();
            o.DocumentFilter<OpenApi.ContractDocumentFilter>();
        });
    }

    /// <summary>The description holds no data, so it is served before authentication; only in Development and
    /// Testing, because outside them it maps the attack surface for anyone.</summary>
    public static void UseOpenApiDescription(WebApplication app, bool localOnly)
    {
        if (!localOnly) return;
        app.UseSwagger();
        app.UseSwaggerUI();
    }
}
