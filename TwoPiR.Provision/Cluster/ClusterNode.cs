using System.Net;

namespace TwoPiR.Provision.Cluster;

/// <summary>One machine of the cluster, as the cluster file describes it.</summary>
/// <param name="Name">Its host name, which Gluster peers and bricks are known by, e.g. <c>pi1</c>.</param>
/// <param name="Address">The address other nodes and the operator reach it at.</param>
/// <param name="Ssh">How to log in.</param>
/// <param name="IsArbiter">Whether it only holds the arbiter brick: no web server, no address record.</param>
internal sealed record ClusterNode(string Name, IPAddress Address, SshLogin Ssh, bool IsArbiter)
{
    /// <summary>The node as messages name it: <c>pi1 (192.0.2.11)</c>.</summary>
    public override string ToString() => $"{Name} ({Address})";
}
