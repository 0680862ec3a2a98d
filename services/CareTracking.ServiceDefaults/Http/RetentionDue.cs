using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CareTracking.ServiceDefaults.Http;

/// <summary>A child whose record is past its retention date at <c>asAt</c>: what erasure would remove.</summary>
public sealed record RetentionDue(string ChildId, DateOnly KeepUntil, long Events, IReadOnlyList<string> Services);
