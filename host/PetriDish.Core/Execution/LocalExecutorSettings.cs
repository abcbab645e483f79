using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Core.Execution;

/// <summary>Settings of the <c>local</c> executor.</summary>
internal sealed class LocalExecutorSettings
{
    [Description("Evaluations at a time. 1 evaluates in this process; more start that many worker processes (petridish evaluate), each using the manifest's threads.")]
    [Range(1, 256)]
    public int Workers { get; init; } = 1;
}
