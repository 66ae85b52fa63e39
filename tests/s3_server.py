"""A local S3 for tests: moto's server on 127.0.0.1, reached through the real s3fs client.

``serve_s3()`` starts moto's ``ThreadedMotoServer`` on a free port and yields an ``S3``
with the environment a user's process would have (``AWS_ENDPOINT_URL_S3`` pointing at
it, dummy keys, no config files, no instance-metadata probe), so both the installed
command (``env=s3.env``) and in-process code (``s3.use()``) speak the S3 protocol over
HTTP exactly as they would to a bucket, and nothing leaves the machine.

s3fs keeps one cached client per settings and a listing cache per client: ``s3.fs()``
gives a fresh client, so objects written by another process are always seen.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class S3:
    endpoint: str
    env: dict[str, str] = field(default_factory=dict)

    def fs(self):  # type: ignore[no-untyped-def]
        import s3fs

        s3fs.S3FileSystem.clear_instance_cache()
        return s3fs.S3FileSystem(
            key=self.env["AWS_ACCESS_KEY_ID"], secret=self.env["AWS_SECRET_ACCESS_KEY"],
            client_kwargs={"endpoint_url": self.endpoint, "region_name": "eu-west-1"},
            skip_instance_cache=True,
        )

    @contextlib.contextmanager
    def use(self) -> Iterator[None]:
        """This process's environment pointed at the stand-in, for in-process code."""
        import s3fs

        saved = {k: os.environ.get(k) for k in self.env}
        os.environ.update(self.env)
        s3fs.S3FileSystem.clear_instance_cache()
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
            s3fs.S3FileSystem.clear_instance_cache()


@contextlib.contextmanager
def serve_s3() -> Iterator[S3]:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log on stderr
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        env = {
            "AWS_ENDPOINT_URL_S3": endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "eu-west-1",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }
        yield S3(endpoint, env)
    finally:
        server.stop()
