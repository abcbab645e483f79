using PetriDish.Abstractions;
using PetriDish.TestPlugins.Broken;

[assembly: PetriDishPlugin(typeof(SoundGridPlugin))]
[assembly: PetriDishPlugin(typeof(BrokenEncodingPlugin))]
[assembly: PetriDishPlugin(typeof(BrokenKeyPlugin))]
[assembly: PetriDishPlugin(typeof(BrokenMutationPlugin))]
[assembly: PetriDishPlugin(typeof(BrokenForwardPlugin))]
