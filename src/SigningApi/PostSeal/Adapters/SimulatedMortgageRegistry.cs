using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OneThing.Contracts.Events.V1;

namespace OneThing.SigningApi.PostSeal.Adapters;

/// <summary>
/// Embedded-mode stand-in for the registry: answers after the configured delay with a registration
/// number derived from the case id (so a repeated request gets the same number), and says it is a simulator.
/// </summary>
public sealed class SimulatedMortgageRegistry(IOptions<PostSealOptions> options, TimeProvider time, ILogger<SimulatedMortgageRegistry> logger) : IMortgageRegistry
{
    // Chinese: it is printed as the actor in the sealed evidence report (all Chinese) and the console.
    public const string Name = "模拟不动产登记机构（非真实登记）";

    public async Task<MortgageRegistrationReceipt?> SubmitAsync(MortgageRegistrationRequested request, CancellationToken ct)
    {
        logger.LogWarning("SIMULATOR: mortgage registry received case {Case} ({Application}), property {Property}; answering in {Delay}",
            request.CaseId, request.ApplicationNumber, request.PropertyCertificateNumber, options.Value.Registry.Delay);
        await Task.Delay(options.Value.Registry.Delay, time, ct);
        var serial = BitConverter.ToUInt32(SHA256.HashData(request.CaseId.ToByteArray()), 0) % 10_000_000;
        var number = $"SIM-川({time.GetUtcNow().Year})不动产证明第{serial:D7}号";
        logger.LogWarning("SIMULATOR: mortgage registry registered case {Case} as {Number}", request.CaseId, number);
        return new MortgageRegistrationReceipt(number, Name, time.GetUtcNow());
    }
}
