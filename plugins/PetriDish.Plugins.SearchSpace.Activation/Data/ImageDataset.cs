namespace PetriDish.Plugins.SearchSpace.Activation.Data;

/// <summary>An image-classification data set split into training and validation images.</summary>
/// <param name="Identity">Identifies the data for the ground-truth cache (name, origin, sizes, a content hash).</param>
/// <param name="Train">Training images.</param>
/// <param name="Validation">Held-out validation images (the ground truth's score).</param>
/// <param name="Classes">Number of classes.</param>
public sealed record ImageDataset(string Identity, ImageSplit Train, ImageSplit Validation, int Classes);
