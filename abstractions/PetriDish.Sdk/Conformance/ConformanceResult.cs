namespace PetriDish.Sdk.Conformance;

/// <summary>One rule of the plugin contracts checked on one plugin.</summary>
/// <param name="Plugin">The plugin's id.</param>
/// <param name="Rule">The rule's name (see <see cref="ConformanceRules"/>).</param>
/// <param name="Passed">Whether the plugin keeps the rule; true too for a rule that does not apply (see <paramref name="Detail"/>).</param>
/// <param name="Detail">What was checked, or what broke the rule (the first offending motif).</param>
public sealed record ConformanceResult(string Plugin, string Rule, bool Passed, string Detail)
{
    /// <summary>One line: <c>PASS|FAIL plugin rule: detail</c>.</summary>
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Plugin} {Rule}: {Detail}";
}
