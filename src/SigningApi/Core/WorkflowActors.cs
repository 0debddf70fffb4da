
namespace OneThing.SigningApi.Core;

/// <summary>Actor names for steps no person takes.</summary>
public static class WorkflowActors
{
    public const string System = "system";
    public const string Workflow = "workflow";
    public const string SystemRole = "system";
}
