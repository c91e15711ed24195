// The CLI keeps the silo's wall-clock limits (100 ms a render or event) and can only lower them,
// so its tests run one at a time rather than competing for the two cores with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
