namespace ComposeGen.Diagnostics;

/// <summary>The public diagnostic IDs (SPEC §6). They are a contract: never renumber.</summary>
public static class DiagnosticIds
{
    public const string YamlSyntax = "CG1001";
    public const string InvalidValue = "CG1002";
    public const string UnknownKey = "CG1003";
    public const string Interpolation = "CG1004";
    public const string ObsoleteVersion = "CG1005";
    public const string SafetyLimit = "CG1006";

    public const string UndefinedVolume = "CG2001";
    public const string UndefinedNetwork = "CG2002";
    public const string UndefinedSecretOrConfig = "CG2003";
    public const string UndefinedService = "CG2004";
    public const string DependencyCycle = "CG2005";
    public const string HealthyWithoutHealthcheck = "CG2006";
    public const string UnusedResource = "CG2007";
    public const string ExtendsOrIncludeProblem = "CG2008";
    public const string NetworkModeWithNetworks = "CG2009";
    public const string NoImageOrBuild = "CG2010";
    public const string DuplicateContainerName = "CG2011";
    public const string DuplicateMountTarget = "CG2012";
    public const string DependencyDisabledByProfile = "CG2013";
}
