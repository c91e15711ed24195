using System.Data.Common;

namespace OrleansVm.Storage;

/// <summary>A write transaction failed before committing anything, so its writes may safely be retried one by one.</summary>
internal sealed class BatchRolledBackException(DbException cause) : Exception("The write transaction was rolled back.", cause);
