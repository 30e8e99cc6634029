import Testing
@testable import TextmillPool

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PipeCapacityTests {
    @Test func aPoolsResultPipesTakeAtMostAQuarterOfTheUsersAllowance() {
        // Linux's default allowance: 16,384 pages (64 MiB); a quarter is 16 MiB.
        #expect(PipeCapacity.resultPipeBytes(workers: 2, allowancePages: 16_384) == 1 << 20)
        #expect(PipeCapacity.resultPipeBytes(workers: 16, allowancePages: 16_384) == 1 << 20)
        #expect(PipeCapacity.resultPipeBytes(workers: 17, allowancePages: 16_384) == 512 << 10)
        #expect(PipeCapacity.resultPipeBytes(workers: 64, allowancePages: 16_384) == 256 << 10)
        // Never below the default size, and the largest when no allowance is enforced.
        #expect(PipeCapacity.resultPipeBytes(workers: 100_000, allowancePages: 16_384) == 64 << 10)
        #expect(PipeCapacity.resultPipeBytes(workers: 64, allowancePages: 0) == 1 << 20)
    }

    @Test func aSpawnedProcessGetsTheResultPipeItAskedFor() throws {
        let asked = PipeCapacity.resultPipeBytes(workers: 2)
        let process = try SpawnedProcess(executable: "/bin/sleep", arguments: ["5"], environment: [], resultPipeBytes: asked)
        defer { _ = process.terminate(kill: true) }
        let getPipeSize: Int32 = 1032  // F_GETPIPE_SZ
        #expect(Int(fcntl(process.fromChild, getPipeSize)) == asked)
        #expect(asked > 64 << 10)
    }
}
