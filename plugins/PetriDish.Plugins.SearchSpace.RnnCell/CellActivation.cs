namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>A node's activation, numbered as in NAO's cell encoding.</summary>
public enum CellActivation
{
    Tanh = 0,
    Relu = 1,
    Identity = 2,
    Sigmoid = 3,
}
