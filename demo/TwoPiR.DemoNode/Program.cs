using System.Net;

// A stand-in for nginx on one Pi, for the demo: serves one page naming the node, on a loopback
// address, until stopped. Usage: twopir-demo-node ADDRESS:PORT NAME
if (args.Length != 2 || !IPEndPoint.TryParse(args[0], out IPEndPoint? endpoint) || !IPAddress.IsLoopback(endpoint.Address))
{
    Console.Error.WriteLine("usage: twopir-demo-node LOOPBACK-ADDRESS:PORT NAME   e.g. twopir-demo-node 127.0.0.121:8080 node1");
    return 2;
}

string name = args[1];
WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
WebApplication app = builder.Build();
app.Run(context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    return context.Response.WriteAsync(
        $"<!DOCTYPE html><title>twopir demo</title><h1>Served by {WebUtility.HtmlEncode(name)} ({endpoint})</h1>\n",
        context.RequestAborted);
});
Console.Error.WriteLine($"twopir-demo-node: {name} serving http://{endpoint}/");
await app.RunAsync();
return 0;
