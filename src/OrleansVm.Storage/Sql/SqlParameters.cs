using System.Data;
using System.Data.Common;

namespace OrleansVm.Storage;

/// <summary>Adds typed named parameters through the provider-neutral ADO.NET API.</summary>
internal static class SqlParameters
{
    public static void Add(DbParameterCollection parameters, Func<DbParameter> create, string name, object? value, DbType type)
    {
        var parameter = create();
        parameter.ParameterName = name;
        parameter.DbType = type; // typed, so a NULL payload still binds as text on PostgreSQL
        parameter.Value = value ?? DBNull.Value;
        parameters.Add(parameter);
    }
}
