using CareTracking.EventStore;
using CareTracking.ServiceDefaults.Auth;
using CareTracking.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CareTracking.ServiceDefaults.Http;

public sealed record RetentionReport(string Authority, DateOnly AsAt, string Rule, bool DryRun, IReadOnlyList<RetentionDue> Due);
