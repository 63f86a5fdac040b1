-- 3D models customers upload for custom pieces. The file itself is in model storage, named by id; this row is
-- written only once the file is stored whole, with its size and SHA-256 as stored.
CREATE TABLE models (
    id          uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL,
    file_name   text        NOT NULL,
    format      text        NOT NULL CHECK (format IN ('stl', 'obj', '3mf')),
    size_bytes  bigint      NOT NULL CHECK (size_bytes > 0),
    sha256      char(64)    NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_models_customer ON models (customer_id, created_at DESC);

-- A custom piece now names the uploaded model; pieces ordered before uploads existed keep only the name and size.
ALTER TABLE custom_pieces ADD COLUMN model_id uuid REFERENCES models (id);
