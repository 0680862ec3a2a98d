using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CareTracking.ServiceDefaults.Problems;

internal static class ProblemResponses
{
    /// <summary>Problem details for every error, and JSON bodies read strictly so a bad one is a 400 naming the field.</summary>
    public static void AddProblemResponses(IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // The request's W3C trace id: the same id is in the TraceId scope of every log line of the request
            // and on its spans, so a problem an integrator reports leads to them.
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? c.HttpContext.TraceIdentifier;
            c.ProblemDetails.Extensions.Remove("exception");
            // Minimal APIs answer a non-JSON body with a bare 415 (no exception reaches ProblemMapping): say what to send.
            if (c.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && c.ProblemDetails.Detail is null)
            {
                c.ProblemDetails.Title = "The body must be JSON";
                c.ProblemDetails.Detail = "Send the body as JSON with the header Content-Type: application/json.";
                c.ProblemDetails.Type = "https://caretracking.example/problems/request.unsupported-media-type";
            }
        });
        services.AddExceptionHandler<ProblemMapping>();
        services.ConfigureHttpJsonOptions(o =>
        {
            // A missing required field or a null where none is allowed is a 400 naming the field.
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            o.SerializerOptions.Converters.Add(new CareTracking.ServiceDefaults.Http.BoundedStringConverter());
            o.SerializerOptions.Converters.Add(new CareTracking.ServiceDefaults.Http.InstantConverter());
        });

        // Outside Development, minimal APIs answer an unreadable body with a bare 400; throwing instead lets
        // ProblemMapping name the field at fault.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }
}
