// The hostile tests measure wall-clock bounds on a 2-core machine; running them one at a time keeps those bounds meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
