// twopir-provision sets up GlusterFS, nginx and the zone on the nodes over SSH (issue #4).
// Until that lands it only says so, and exits with EX_UNAVAILABLE so no script mistakes it for success.
const int Unavailable = 69;

if (args is ["--help"] or ["-h"])
{
    Console.Out.WriteLine("""
        twopir-provision - set up GlusterFS, nginx and the zone on TwoPiR nodes over SSH

        Not implemented yet: provisioning is tracked in issue #4.
        """);
    return 0;
}

Console.Error.WriteLine("twopir-provision: not implemented yet (issue #4); see --help");
return Unavailable;
