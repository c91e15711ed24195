namespace OrleansVm.Silo.Api;

/// <summary>
/// Turns any exception of an /api request into the error envelope (no stack trace ever in the body),
/// and gives unknown /api routes (404 or 405 from routing, empty body) the 404 NOT_FOUND envelope.
/// </summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiPaths.IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode is 404 or 405 && context.GetEndpoint() is null or { DisplayName: "405 HTTP Method Not Supported" })
            {
                await ApiErrorWriter.WriteAsync(context.Response, new ApiError(404, Grains.ErrorCodes.NotFound,
                    $"No API route {context.Request.Method} {context.Request.Path}.", null));
            }
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            // The client went away; there is nobody to answer.
            logger.ClientGone(context.Request.Method, context.Request.Path);
        }
        catch (Exception ex)
        {
            var error = ErrorMapping.Map(ex);
            if (error.IsServerFault)
                logger.UnhandledApiError(ex, context.Request.Method, context.Request.Path);
            else if (error.Status == 503)
                logger.ApiUnavailable(error.Code, context.Request.Method, context.Request.Path, ex.GetType().Name); // a timeout's message quotes the call

            if (context.Response.HasStarted)
            {
                context.Abort(); // Mid-stream (SSE): the body cannot change any more; the client reconnects.
                return;
            }
            context.Response.Clear();
            await ApiErrorWriter.WriteAsync(context.Response, error);
        }
    }
}
