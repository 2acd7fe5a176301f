using TwoPiR.Testing;

namespace TwoPiR.IntegrationTests.Provision;

/// <summary>
/// A real two-node cluster built by tests/cluster/rig: network, mount and UTS namespaces per node,
/// running sshd, glusterd and nginx, joined by a bridge in its own namespace, so the host's network is
/// untouched. The provisioner runs in an admin namespace and reaches the nodes over real SSH.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private static readonly TimeSpan s_rigLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_provisionLimit = TimeSpan.FromMinutes(5);

    private TestCluster(string directory) => Directory = directory;

    /// <summary>The rig's state folder; the cluster file and the zone live beside it.</summary>
    public string Directory { get; }

    /// <summary>The rig's folder (keys, known_hosts), inside <see cref="Directory"/>.</summary>
    public string RigDirectory => Path.Combine(Directory, "rig");

    /// <summary>The cluster file the provisioner reads.</summary>
    public string ClusterFile => Path.Combine(Directory, "cluster.yaml");

    /// <summary>The zone file the provisioner writes the site's records into.</summary>
    public string ZoneFile => Path.Combine(Directory, "zones", "example.com.zone");

    private static string Rig => RepositoryFiles.PathOf(Path.Combine("tests", "cluster", "rig"));

    /// <summary>Builds the cluster; the caller must dispose it, which tears everything down.</summary>
    public static async Task<TestCluster> StartAsync(CancellationToken cancellationToken)
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("the provisioning test builds network and mount namespaces and must run as root");
        }

        string directory = System.IO.Directory.CreateTempSubdirectory("twopir-cluster-").FullName;
        TestCluster cluster = new(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "zones"));
        File.Copy(RepositoryFiles.PathOf(Path.Combine("zones", "example.com.zone")), cluster.ZoneFile);
        await using ChildProcess up = await ChildProcess.RunAsync(Rig, ["up", cluster.RigDirectory], directory, s_rigLimit, cancellationToken);
        if (up.ExitCode != 0)
        {
            await cluster.DisposeAsync();
            throw new InvalidOperationException("rig up failed:\n" + up.Transcript);
        }

        return cluster;
    }

    /// <summary>Writes the cluster file, <paramref name="text"/> with the rig's key and known_hosts filled in.</summary>
    public void WriteClusterFile(string text) => File.WriteAllText(ClusterFile, text);

    /// <summary>Runs <c>twopir-provision ARGS -f cluster.yaml</c> in the admin namespace, to its end.</summary>
    public Task<ChildProcess> ProvisionAsync(string command, CancellationToken cancellationToken, params string[] arguments) =>
        ChildProcess.RunAsync(
            Rig,
            ["admin", RigDirectory, "--", BuiltProgram.DotnetHost, BuiltProgram.Find("twopir-provision.dll", "TwoPiR.Provision"), command, "-f", ClusterFile, .. arguments],
            Directory,
            s_provisionLimit,
            cancellationToken,
            new Dictionary<string, string?> { ["NO_COLOR"] = "1" });

    /// <summary>Runs a shell command inside a node, to its end.</summary>
    public Task<ChildProcess> OnNodeAsync(string node, string command, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(Rig, ["node", RigDirectory, node, "--", "sh", "-c", command], Directory, s_rigLimit, cancellationToken);

    /// <summary>Tears the cluster down (killing only the rig's processes), then removes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await using (ChildProcess down = await ChildProcess.RunAsync(Rig, ["down", RigDirectory], Directory, s_rigLimit, CancellationToken.None))
        {
            if (down.ExitCode != 0)
            {
                // Leave the folder: deleting it under a live rig would orphan its namespaces and mounts.
                throw new InvalidOperationException("rig down failed; the rig's folder is left for inspection:\n" + down.Transcript);
            }
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
