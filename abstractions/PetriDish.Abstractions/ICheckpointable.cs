namespace PetriDish.Abstractions;

/// <summary>State that can be saved and restored, so that an interrupted run resumes exactly.</summary>
public interface ICheckpointable
{
    /// <summary>Writes the complete state.</summary>
    void Save(Stream stream);

    /// <summary>Restores a state written by <see cref="Save"/> of an identically configured instance.</summary>
    void Load(Stream stream);
}
