extension MatrixTransport {
    package static let setupHint =
        "Matrix: CXZY_MATRIX_HOMESERVER with CXZY_MATRIX_USER/CXZY_MATRIX_PASSWORD or CXZY_MATRIX_TOKEN"
}
