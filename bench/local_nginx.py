"""Debian's nginx for the benchmarks: started in a folder of its own, on loopback addresses."""
import os
import shutil
import socket
import subprocess
import time


def free_port(address):
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]


def serve(work, http, listening):
    """Starts nginx with these directives in its http block, working in work (its pid, logs and
    temporary files there), and returns the process once every (address, port) answers."""
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write("""
worker_processes 1; daemon off; pid {w}/nginx.pid; error_log {w}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off; client_body_temp_path {w}/body; proxy_temp_path {w}/proxy; fastcgi_temp_path {w}/fcgi;
  uwsgi_temp_path {w}/uwsgi; scgi_temp_path {w}/scgi; keepalive_requests 100000;
  {http}
}}
""".format(w=work, http=http))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    master = subprocess.Popen([nginx, "-p", work, "-c", os.path.join(work, "nginx.conf")])
    for address, port in listening:
        for _ in range(100):
            try:
                socket.create_connection((address, port), 0.2).close()
                break
            except OSError:
                time.sleep(0.05)
    return master
