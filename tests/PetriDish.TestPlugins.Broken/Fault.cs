namespace PetriDish.TestPlugins.Broken;

/// <summary>The one rule a <see cref="FaultySearchSpace"/> breaks.</summary>
public enum Fault
{
    /// <summary>Keeps every rule: the control.</summary>
    None,

    /// <summary><c>Encode</c> gives one number more than <c>EncodingLength</c>.</summary>
    EncodingLength,

    /// <summary>Keys print the integer with a leading zero, which <c>Parse</c> reads back without it.</summary>
    KeyRoundTrip,

    /// <summary><c>Mutate</c> adds half the space's size, which leaves the space from the middle on.</summary>
    MutationLeavesSpace,

    /// <summary>The motif-network's forward drops the motif dimension.</summary>
    ForwardShape,
}
