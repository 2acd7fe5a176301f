namespace TwoPiR.Provision.Cluster;

/// <summary>How the provisioner logs in to a node with the OpenSSH client.</summary>
/// <param name="User">The remote user.</param>
/// <param name="Port">The SSH port.</param>
/// <param name="Identity">A private key file, or <see langword="null"/> for ssh's defaults and agent.</param>
/// <param name="Sudo">Whether commands go through <c>sudo -n</c> (the user is not root).</param>
/// <param name="KnownHosts">A known_hosts file, or <see langword="null"/> for ssh's default.</param>
internal sealed record SshLogin(string User, int Port, string? Identity, bool Sudo, string? KnownHosts);
