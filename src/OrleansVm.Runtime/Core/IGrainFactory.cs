namespace OrleansVm.Runtime;

/// <summary>Creates grain references. References are cheap; creating one never activates the grain.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
