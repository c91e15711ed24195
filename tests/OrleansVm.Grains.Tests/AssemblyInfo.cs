// Integration tests start silos and sandboxes with wall-clock limits on a shared 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
