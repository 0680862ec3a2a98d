using CareTracking.Testing;

namespace CareTracking.IntegrationTests.Harness;

/// <summary>The CARETRACKING_TEST_INFRA switch (tests/README.md): auto, docker or local.</summary>
public sealed class TestInfrastructureTests
{
    private static Func<Task<string?>> Docker(bool answers) =>
        () => Task.FromResult(answers ? null : "no socket at /var/run/docker.sock");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData(" AUTO ")]
    public async Task auto_takes_containers_when_a_docker_engine_answers_and_the_local_scripts_when_none_does(string? setting)
    {
        Assert.Equal(InfraMode.Docker, await TestInfrastructure.ChooseAsync(setting, Docker(answers: true)));
        Assert.Equal(InfraMode.Local, await TestInfrastructure.ChooseAsync(setting, Docker(answers: false)));
    }

    [Fact]
    public async Task local_never_asks_docker()
    {
        var asked = false;
        var mode = await TestInfrastructure.ChooseAsync("local", () => { asked = true; return Task.FromResult<string?>(null); });
        Assert.Equal(InfraMode.Local, mode);
        Assert.False(asked);
    }

    [Fact]
    public async Task docker_forced_without_an_engine_fails_naming_the_switch_what_is_missing_and_how_to_get_it()
    {
        Assert.Equal(InfraMode.Docker, await TestInfrastructure.ChooseAsync("docker", Docker(answers: true)));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => TestInfrastructure.ChooseAsync("docker", Docker(answers: false)));
        Assert.Contains("CARETRACKING_TEST_INFRA=docker", e.Message);
        Assert.Contains("no socket at /var/run/docker.sock", e.Message);
        Assert.Contains("apt-get install -y docker.io", e.Message);
    }

    [Fact]
    public async Task an_unknown_value_fails_rather_than_guessing()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => TestInfrastructure.ChooseAsync("podman", Docker(answers: true)));
        Assert.Contains("auto, docker, local", e.Message);
    }

    [Fact]
    public async Task the_real_probe_answers_with_a_reason_or_null_and_this_run_uses_what_the_switch_chose()
    {
        var problem = await DockerEngine.ProbeAsync();
        var expected = await TestInfrastructure.ChooseAsync(Environment.GetEnvironmentVariable(TestInfrastructure.Variable), () => Task.FromResult(problem));
        Assert.Equal(expected, await TestStack.Mode);
        if (problem is not null) Assert.False(string.IsNullOrWhiteSpace(problem));
    }
}
