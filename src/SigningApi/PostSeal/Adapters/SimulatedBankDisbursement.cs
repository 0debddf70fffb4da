using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OneThing.Contracts.Events.V1;

namespace OneThing.SigningApi.PostSeal.Adapters;

/// <summary>
/// Embedded-mode stand-in for the entrusted bank: "disburses" the requested amount after the
/// configured delay with a reference derived from the case id, and says it is a simulator.
/// </summary>
public sealed class SimulatedBankDisbursement(IOptions<PostSealOptions> options, TimeProvider time, ILogger<SimulatedBankDisbursement> logger) : IBankDisbursement
{
    // Chinese: it is printed as the actor in the sealed evidence report (all Chinese) and the console.
    public const string Name = "模拟受托银行（未实际放款）";

    public async Task<DisbursementReceipt?> RequestAsync(DisbursementRequested request, CancellationToken ct)
    {
        logger.LogWarning("SIMULATOR: bank {Bank} asked to disburse {Amount} fen for case {Case}; answering in {Delay}",
            request.BankCode, request.AmountFen, request.CaseId, options.Value.Bank.Delay);
        await Task.Delay(options.Value.Bank.Delay, time, ct);
        var reference = "SIM-" + Convert.ToHexString(SHA256.HashData(request.CaseId.ToByteArray()))[..16];
        logger.LogWarning("SIMULATOR: bank {Bank} disbursed case {Case}, reference {Reference}", request.BankCode, request.CaseId, reference);
        return new DisbursementReceipt(reference, request.AmountFen, time.GetUtcNow(), Name);
    }
}
