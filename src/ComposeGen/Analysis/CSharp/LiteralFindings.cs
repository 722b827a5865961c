using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ComposeGen.Analysis.Networking;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using Microsoft.CodeAnalysis;

namespace ComposeGen.Analysis.CSharp;

/// <summary>
/// One diagnostic a literal value calls for in a compose project, before it is placed: which host, which rule, the
/// message and the properties the code fixes read. The syntax decides the rest (where the host is, whether it is cut
/// off by an interpolation hole, whether CG5003 may apply there), so <see cref="HostLiteralAnalyzer"/> finishes it
/// per literal.
/// </summary>
/// <param name="IsUseMember">CG5003: applies only to a whole literal outside a constant context, and once per literal.</param>
internal sealed record LiteralFinding(HostReference Reference, DiagnosticDescriptor Descriptor, string Message, ImmutableDictionary<string, string?> Properties, bool IsUseMember);

/// <summary>
/// What the host references of a literal value mean in one compose project (SPEC §6, CG5001–CG5003). A function of
/// the value and the <see cref="CodeHostModel"/> alone, so the model keeps the answer per value
/// (<see cref="CodeHostModel.FindingsOf"/>): a project writes the same connection strings in many places, and the
/// IDE's next compilation asks about the same values again.
/// </summary>
internal static class LiteralFindings
{
    public static readonly LiteralFinding[] None = Array.Empty<LiteralFinding>();

    /// <summary>Whether any of <paramref name="references"/> needs the compose project to be judged (IP literals, <c>localhost</c> and the like never do).</summary>
    public static bool NeedModel(IReadOnlyList<HostReference> references)
    {
        foreach (var reference in references)
        {
            if (!Skipped(reference))
                return true;
        }

        return false;
    }

    public static LiteralFinding[] Judge(CodeHostModel model, string value, IReadOnlyList<HostReference> references)
    {
        List<LiteralFinding>? findings = null;
        foreach (var reference in references)
        {
            if (Skipped(reference))
                continue;
            if (Judge(model, value, reference) is { } finding)
                (findings ??= new List<LiteralFinding>()).Add(finding);
        }

        return findings is null ? None : findings.ToArray();
    }

    private static bool Skipped(HostReference reference)
        => reference.IsIpLiteral || HostNames.IsWellKnown(reference.Host) || HostNames.IsLoopback(reference.Host);

    private static LiteralFinding? Judge(CodeHostModel model, string value, HostReference reference)
    {
        var host = reference.Host;
        if (!reference.IsSingleLabel && model.AnyNamed(host) is null)
            return null; // a dotted name compose does not define: left to real DNS

        var verdict = Resolve(model, reference);
        switch (verdict.Kind)
        {
            case VerdictKind.Unknown:
            {
                var suggestion = model.Suggest(host);
                // A bare "word:1234" is as often a cache key or a label as a host: only a typo of a known name counts.
                if (reference.Kind == HostReferenceKind.HostPort && suggestion is null && verdict.Hostname is null)
                    return null;
                var message = verdict.Hostname is { } owner
                    ? $"'{reference.Display}' names '{host}', the hostname: of service '{owner.Name}', which other containers cannot resolve; use the service name '{owner.Name}'"
                    : $"'{reference.Display}' names '{host}', which is no name compose resolves in {model.ComposeFileName} (a service, container_name or network alias)"
                      + (suggestion is null ? "" : $"; did you mean '{suggestion}'?");
                var replacement = verdict.Hostname?.Name ?? suggestion;
                var properties = ImmutableDictionary<string, string?>.Empty.Add(HostLiteralAnalyzer.HostProperty, host);
                if (replacement is not null)
                    properties = properties.Add(HostLiteralAnalyzer.SuggestionProperty, replacement);
                return new LiteralFinding(reference, DiagnosticDescriptors.UnknownHostInCode, message, properties, IsUseMember: false);
            }

            case VerdictKind.Unreachable:
                return new LiteralFinding(reference, DiagnosticDescriptors.UnreachableHostInCode, verdict.Message!, ImmutableDictionary<string, string?>.Empty, IsUseMember: false);
            case VerdictKind.Resolves when verdict.Target is { } target && GeneratedMembers.For(model, target, reference, value) is { } member:
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(HostLiteralAnalyzer.MemberProperty, member).Add(HostLiteralAnalyzer.NamespaceProperty, model.Namespace);
                var message = $"'{Shorten(value)}' spells out what the generated '{member}' provides (from {model.ComposeFileName}); use the generated member";
                return new LiteralFinding(reference, DiagnosticDescriptors.UseGeneratedMember, message, properties, IsUseMember: true);
            }

            default:
                return null;
        }
    }

    private enum VerdictKind
    {
        Silent,
        Unknown,
        Unreachable,
        Resolves,
    }

    private readonly record struct Verdict(VerdictKind Kind, Service? Target = null, Service? Hostname = null, string? Message = null);

    private static Verdict Resolve(CodeHostModel model, HostReference reference)
    {
        var host = reference.Host;
        if (model.Self is not { } self)
        {
            if (model.AnyNamed(host) is { } any)
                return new Verdict(VerdictKind.Resolves, any);
            return new Verdict(VerdictKind.Unknown, Hostname: model.WithHostname(host));
        }

        var reach = model.Model;
        var resolution = model.ResolveFromSelf(host);
        var target = resolution.Target;
        switch (resolution.Kind)
        {
            case NameResolutionKind.Unknown:
                return new Verdict(VerdictKind.Unknown);
            case NameResolutionKind.Hostname:
                return new Verdict(VerdictKind.Unknown, Hostname: target);
            case NameResolutionKind.NoSharedNetwork when target is not null:
                return new Verdict(VerdictKind.Unreachable, Message:
                    $"'{reference.Display}' names service '{target.Name}', which this project's service '{self.Name}' cannot reach: they share no network ({self.Name} is on {NetworkingRules.List(reach.NetworksOf(self))}, {target.Name} is on {NetworkingRules.List(reach.NetworksOf(target))})");
            case NameResolutionKind.AliasOnOtherNetwork when target is not null:
                return new Verdict(VerdictKind.Unreachable, Message:
                    $"'{reference.Display}' names '{host}', an alias of '{target.Name}' only on {NetworkingRules.List(resolution.Networks)}, which this project's service '{self.Name}' is not on ({self.Name} is on {NetworkingRules.List(reach.NetworksOf(self))})");
            case NameResolutionKind.FromOutsideNetworks when target is not null:
                return new Verdict(VerdictKind.Unreachable, Message:
                    $"'{reference.Display}' names service '{target.Name}', but this project's service '{self.Name}' uses {NetworkingRules.ModeText(reach.AttachmentOf(reach.StackOwnerOf(self)), reach.StackOwnerOf(self))}: it is on no compose network ({self.Name} is on [], {target.Name} is on {NetworkingRules.List(reach.NetworksOf(target))})");
            case NameResolutionKind.TargetOutsideNetworks when target is not null:
                return new Verdict(VerdictKind.Unreachable, Message:
                    $"'{reference.Display}' names service '{target.Name}', which uses {NetworkingRules.ModeText(reach.AttachmentOf(target), target)} and is on no compose network ({self.Name} is on {NetworkingRules.List(reach.NetworksOf(self))}, {target.Name} is on [])");
            case NameResolutionKind.TargetInOtherStack when target is not null:
                return new Verdict(VerdictKind.Unreachable, Message:
                    $"'{reference.Display}' names service '{target.Name}', which runs in the network stack of '{reach.StackOwnerOf(target).Name}' and has no name of its own; use '{reach.StackOwnerOf(target).Name}'");
            default:
                return resolution.Resolves && target is not null ? new Verdict(VerdictKind.Resolves, target) : new Verdict(VerdictKind.Silent);
        }
    }

    private static string Shorten(string value)
        => value.Length <= 60 ? value : value.Substring(0, 57) + "...";
}
