using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareTracking.ServiceDefaults.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CareTracking.ServiceDefaults.OpenApi;

/// <summary>The service's <see cref="ApiContract"/> with the operations every service serves, found by route.</summary>
public sealed partial class ContractCatalogue
{
    public ContractCatalogue(ApiContract? contract)
    {
        Operations = [.. contract?.Operations ?? [], .. SharedOperations.All];
        CodeFields = contract?.CodeFields ?? [];
    }

    public IReadOnlyList<OperationDoc> Operations { get; }
    public IReadOnlyList<CodeField> CodeFields { get; }

    public OperationDoc? Find(string method, string route) =>
        Operations.FirstOrDefault(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && Normal(o.Route) == Normal(route));

    /// <summary>"/api/x/{id:guid}" and "api/x/{id}" are the same route.</summary>
    public static string Normal(string route) => "/" + Constraint().Replace(route, "}").Trim('/');

    /// <summary>The contract class in the service's own assembly (the application's name), if it has one.</summary>
    public static ApiContract? FindIn(string applicationName)
    {
        Assembly assembly;
        try { assembly = Assembly.Load(new AssemblyName(applicationName)); }
        catch (IOException) { return null; }
        var type = assembly.GetTypes().FirstOrDefault(t => t.IsSubclassOf(typeof(ApiContract)) && !t.IsAbstract);
        return type is null ? null : (ApiContract)Activator.CreateInstance(type)!;
    }

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex Constraint();
}

/// <summary>
/// Makes each operation say what the service really does: its id, summary and description from the contract; the
/// scope it needs; every answer it can give (success with its body and ETag, and each problem with the problem
/// schema and an example); typed query parameters; If-Match and X-Correlation-Id on writes; an example body.
/// </summary>
internal sealed class ContractOperationFilter(ContractCatalogue catalogue, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IOperationFilter
{
    /// <summary>As the service reads bodies, with the optional fields the example leaves empty left out.</summary>
    private JsonSerializerOptions ExampleOptions => field ??= new JsonSerializerOptions(json.Value.SerializerOptions)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var api = context.ApiDescription;
        var method = api.HttpMethod ?? "GET";
        var route = ContractCatalogue.Normal(api.RelativePath ?? "");
        var doc = catalogue.Find(method, route);
        var scopes = api.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToList();
        var write = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        var hasBody = operation.RequestBody is not null || api.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body);
        // A post that appends to a record's stream: 201 with ETag, a replay, 409 on a reused eventId, If-Match.
        var appends = write && hasBody && doc?.Versioned == true;

        operation.OperationId = doc?.OperationId ?? FallbackId(method, route);
        operation.Summary = doc?.Summary;
        operation.Description = (doc?.Description ?? "")
            + (scopes.Count > 0 ? $"\n\nNeeds a token with the scope `{string.Join("` and `", scopes)}`." : "");
        operation.Description = operation.Description.Trim();

        Parameters(operation, doc, appends);
        if (hasBody && operation.RequestBody is OpenApiRequestBody body)
        {
            body.Required = true;
            if (appends)
                body.Description = "JSON. Dates are written YYYY-MM-DD; instants with their time and offset (2025-07-01T09:00:00Z). "
                    + "Fields not marked required may be left out. `eventId` (a UUID you choose) makes a retry safe: the same eventId with the same body answers as the first post did.";
            if (doc?.Example is { } example && body.Content is { } content)
                foreach (var media in content.Values.OfType<OpenApiMediaType>())
                    media.Example = JsonSerializer.SerializeToNode(example, ExampleOptions);
        }

        var responses = new OpenApiResponses();
        var answer = doc?.Returns is { } returns ? context.SchemaGenerator.GenerateSchema(returns, context.SchemaRepository) : null;
        if (appends)
        {
            responses["201"] = Success("Recorded. The body says what was appended; `replay: true` when this repeated a post already accepted (same eventId and body).", answer, doc, created: true);
            if (doc?.AlsoAnswers.Contains(202) == true)
                responses["202"] = Success("Kept, but held: the record it belongs to is not known yet (see the description). It is applied when it is.", answer, doc, created: true);
            responses["200"] = Success("Nothing new to record: the same fact is already recorded, so nothing was appended.", answer, doc, created: false);
        }
        else
        {
            responses["200"] = Success(write ? "Done." : "The record.", answer, doc, created: false);
            if (doc?.AlsoAnswers.Contains(202) == true)
                responses["202"] = Success("Accepted: done in part, and the rest follows in the background (see the description).", answer, doc, created: false);
        }

        var problem = context.SchemaGenerator.GenerateSchema(typeof(Problem), context.SchemaRepository);
        var pathOrQuery = api.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Path
            || p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query) || (doc?.Query.Count ?? 0) > 0;
        if (hasBody || pathOrQuery) responses["400"] = ProblemAnswer(problem, 400, hasBody);
        if (scopes.Count > 0)
        {
            responses["401"] = ProblemAnswer(problem, 401, hasBody);
            responses["403"] = ProblemAnswer(problem, 403, hasBody, scopes);
        }
        if (doc?.AlsoAnswers.Contains(404) == true) responses["404"] = ProblemAnswer(problem, 404, hasBody);
        if (appends)
        {
            responses["409"] = ProblemAnswer(problem, 409, hasBody);
            responses["412"] = ProblemAnswer(problem, 412, hasBody);
        }
        if (write && hasBody)
        {
            responses["413"] = ProblemAnswer(problem, 413, hasBody);
            responses["415"] = ProblemAnswer(problem, 415, hasBody);
        }
        if (hasBody || pathOrQuery) responses["422"] = ProblemAnswer(problem, 422, hasBody);
        if (scopes.Count > 0) responses["429"] = ProblemAnswer(problem, 429, hasBody, write: write);
        responses["503"] = ProblemAnswer(problem, 503, hasBody);
        operation.Responses = responses;
    }

    private static string FallbackId(string method, string route) =>
        method.ToLowerInvariant() + string.Concat(route.Split('/', '-', '{', '}').Where(w => w is not ("" or "api"))
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static OpenApiResponse Success(string description, IOpenApiSchema? schema, OperationDoc? doc, bool created)
    {
        var response = new OpenApiResponse { Description = description, Headers = new Dictionary<string, IOpenApiHeader>() };
        if (schema is not null)
        {
            response.Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } };
        }
        if (doc is not null && !created)
            foreach (var media in doc.AlsoProduces)
                (response.Content ??= new Dictionary<string, OpenApiMediaType>())[media] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                };
        if (doc?.Versioned == true)
            response.Headers["ETag"] = new OpenApiHeader
            {
                Description = "The record's version after this request, e.g. \"3\". Send it back in If-Match to change the record only if nobody else has.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        if (created)
            response.Headers["Location"] = new OpenApiHeader { Description = "Where to read the record.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        return response;
    }

    private void Parameters(OpenApiOperation operation, OperationDoc? doc, bool appends)
    {
        var parameters = operation.Parameters ??= [];
        foreach (var parameter in parameters.OfType<OpenApiParameter>())
        {
            if (parameter.In == ParameterLocation.Path)
            {
                parameter.Description ??= parameter.Name switch
                {
                    "childId" => "The case system's reference for the child (903 CHILD): 1 to 64 letters, digits, '-' or '_'.",
                    "episodeId" => "The missing episode's id (a UUID), as the report answered or as the report gave it.",
                    _ => null,
                };
                if (doc?.PathExamples.TryGetValue(parameter.Name!, out var example) == true)
                    parameter.Example = JsonValue.Create(example);
            }
            if (parameter.In == ParameterLocation.Query && doc?.Query.FirstOrDefault(q => q.Name == parameter.Name) is { } query)
            {
                parameter.Description = query.Description;
                parameter.Schema = QuerySchema(query);
                parameter.Required = query.Required;
                if (query.Example is not null) parameter.Example = JsonValue.Create(query.Example);
            }
        }
        if (appends)
            parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "Optional. The version you last read (the ETag, e.g. \"3\"): the post is refused with 412 if the record has changed since. "
                    + "Without it the service decides on the record as it stands.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        if (appends)
            parameters.Add(new OpenApiParameter
            {
                Name = "X-Correlation-Id",
                In = ParameterLocation.Header,
                Description = "Optional. Your id for this request (at most 64 letters, digits, '-', '_', '.' or ':'), stored with the events it appends.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64 },
            });
    }

    private static OpenApiSchema QuerySchema(QueryDoc query) => query.Kind switch
    {
        QueryKind.Date => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
        QueryKind.Integer => new OpenApiSchema
        {
            Type = JsonSchemaType.Integer, Format = "int32",
            Minimum = query.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = query.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        QueryKind.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        QueryKind.Code => new OpenApiSchema { Type = JsonSchemaType.String, Enum = query.Values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList() },
        _ => new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiResponse ProblemAnswer(IOpenApiSchema schema, int status, bool hasBody, IReadOnlyList<string>? scopes = null, bool write = true)
    {
        var (description, example) = ProblemExamples.For(status, hasBody, scopes ?? [], write);
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = schema, Example = example },
            },
        };
        if (status is 503 or 429)
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader { Description = write ? "Seconds to wait before retrying (with the same eventId)." : "Seconds to wait before asking again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
            };
        return response;
    }
}

/// <summary>
/// Request and answer schemas as the serializer reads them: a constructor parameter without a default is
/// required (RespectRequiredConstructorParameters), the others may be left out; fields that take a code list
/// show it as an enum, with each code's meaning and the dates it may be used on.
/// </summary>
internal sealed class ContractSchemaFilter(ContractCatalogue catalogue) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is not { Count: > 0 } properties) return;
        var type = context.Type;
        if (type.Namespace?.StartsWith("CareTracking", StringComparison.Ordinal) != true) return;

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is not null && constructor.GetParameters().Length > 0)
        {
            var required = constructor.GetParameters().Where(p => !p.HasDefaultValue).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))
                .Where(properties.ContainsKey).ToHashSet();
            target.Required = required.Count > 0 ? new SortedSet<string>(required, StringComparer.Ordinal) : null;
        }

        foreach (var field in catalogue.CodeFields.Where(f => f.Type == type))
        {
            if (!properties.TryGetValue(field.Property, out var property) || property is not OpenApiSchema code) continue;
            code.Enum = field.Codes.Select(c => (JsonNode)JsonValue.Create(c.Value)!).ToList();
            code.Description = CodeTable(field);
        }
    }

    private static string CodeTable(CodeField field)
    {
        var lines = new List<string> { $"{field.ListName}." };
        if (field.Codes.Any(c => c.Meaning is not null))
        {
            lines.Add("");
            lines.Add("| Code | Meaning | Valid |");
            lines.Add("|---|---|---|");
            foreach (var c in field.Codes)
                lines.Add($"| `{c.Value}` | {c.Meaning} | {Validity(c)} |");
        }
        return string.Join("\n", lines);
    }

    private static string Validity(CodeDoc code) => (code.ValidFrom, code.ValidUntil) switch
    {
        (null, null) => "always",
        ({ } from, null) => $"from {from:yyyy-MM-dd}",
        (null, { } until) => $"until {until:yyyy-MM-dd}",
        ({ } from, { } until) => $"{from:yyyy-MM-dd} to {until:yyyy-MM-dd}",
    };
}

/// <summary>The document's own description: how to call the service, whatever the operation.</summary>
internal sealed class ContractDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Info.Description = """
            Every request needs a bearer token bound to one local authority (the `authority` claim) and carrying the
            operation's scope; the authority is never taken from the URL or the body. Errors are problem details
            (RFC 9457, `application/problem+json`) with `type`, `title`, `detail`, `traceId` and, when a field is
            at fault, `field` and `rule`. Retry a write that timed out or answered 503 with the same `eventId`: it
            is recorded once. Dates are `YYYY-MM-DD`; instants carry their time and offset. docs/integrating.md walks
            a case system through the API.
            """;
    }
}
