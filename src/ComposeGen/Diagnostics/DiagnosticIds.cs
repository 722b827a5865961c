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

    public const string UnreachableHost = "CG3001";
    public const string UnknownHost = "CG3002";
    public const string WrongPort = "CG3003";
    public const string TargetWithoutNetwork = "CG3004";
    public const string DuplicatePublishedPort = "CG3005";
    public const string LocalhostToReachService = "CG3006";
    public const string PortsUnderHostNetwork = "CG3007";
    public const string AddressedByHostname = "CG3008";
    public const string PortsOnInternalNetworkOnly = "CG3009";

    public const string StatefulWithoutVolume = "CG4001";
    public const string DatabaseBindMount = "CG4002";
    public const string NodeModulesShadowed = "CG4003";
    public const string DataPortOnAllInterfaces = "CG4004";
    public const string PlaintextSecret = "CG4005";
    public const string DangerousPrivilege = "CG4006";
    public const string UnpinnedImage = "CG4007";

    public const string UnknownHostInCode = "CG5001";
    public const string UnreachableHostInCode = "CG5002";
    public const string UseGeneratedMember = "CG5003";
}
