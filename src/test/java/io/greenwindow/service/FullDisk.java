package io.greenwindow.service;

import io.greenwindow.db.DatabaseException;
import io.greenwindow.ledger.EntryContent;
import io.greenwindow.ledger.LedgerEntry;
import io.greenwindow.ledger.LedgerQuery;
import io.greenwindow.ledger.LedgerRepository;
import io.greenwindow.ledger.LedgerRow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * A disk that fills up when a test says so, injected at the lowest boundary each writer has: the energy log's file
 * channel (a real file whose writes fail with ENOSPC once full) and the ledger's repository (appends fail as H2
 * fails on a full disk: an MVStore write error over "No space left on device"). A real full file system needs root
 * to mount, which CI may not have; {@code api/DiskFullTest} does that where it can.
 */
final class FullDisk {

    private volatile boolean full;

    void fill() {
        full = true;
    }

    void free() {
        full = false;
    }

    private void check(String what) throws IOException {
        if (full) {
            throw new IOException("No space left on device (writing " + what + ")");
        }
    }

    /** A channel appending to {@code file} on this disk. */
    FileChannel appendingTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return new Channel(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), file.toString());
    }

    /** {@code real} with its appends refused while the disk is full. */
    LedgerRepository ledger(LedgerRepository real) {
        return new LedgerRepository() {
            @Override
            public LedgerEntry append(Instant recordedAt, EntryContent content) {
                try {
                    check("the ledger");
                } catch (IOException e) {
                    throw new DatabaseException("Could not append to the ledger", new SQLException(
                            "General error: \"org.h2.mvstore.MVStoreException: Writing to greenwindow.mv.db failed\"",
                            "HY000", e));
                }
                return real.append(recordedAt, content);
            }

            @Override
            public List<LedgerEntry> entries(LedgerQuery query) {
                return real.entries(query);
            }

            @Override
            public List<LedgerEntry> page(LedgerQuery query, long afterSeq, int limit) {
                return real.page(query, afterSeq, limit);
            }

            @Override
            public boolean hasJobEntry(String jobId) {
                return real.hasJobEntry(jobId);
            }

            @Override
            public List<LedgerEntry> segmentsOf(String jobId) {
                return real.segmentsOf(jobId);
            }

            @Override
            public List<LedgerEntry> pendingWithoutCompletion() {
                return real.pendingWithoutCompletion();
            }

            @Override
            public List<LedgerRow> rowsInChainOrder() {
                return real.rowsInChainOrder();
            }
        };
    }

    /** The real channel, its writes refused while the disk is full. */
    private final class Channel extends FileChannel {

        private final FileChannel real;
        private final String name;

        Channel(FileChannel real, String name) {
            this.real = real;
            this.name = name;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            check(name);
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            check(name);
            return real.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            check(name);
            return real.write(src, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            check(name);
            return real.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
