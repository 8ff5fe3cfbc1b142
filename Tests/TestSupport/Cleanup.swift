/// An async `defer` (Swift has no `await` in `defer`): runs `body`, then `cleanup`, also when `body` throws.
package func withCleanup<T>(_ body: () async throws -> T, cleanup: () async -> Void) async throws -> T {
    let result: T
    do {
        result = try await body()
    } catch {
        await cleanup()
        throw error
    }
    await cleanup()
    return result
}
